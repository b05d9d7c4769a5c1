@testable import BotpoolClients
@testable import BotpoolController
import BotpoolPlanner
import Testing

/// Which swarm pools without a control endpoint wait (held `PoolStarting`) and which the planner
/// may replace: a task swarm still starts waits however long it takes; a dead one waits only for
/// the restart grace, after which the pool is replaced.
@Suite struct SwarmStartingHoldTests {
    func task(_ state: String, desired: String = "running", message: String = "") -> DockerEngine.SwarmTask {
        DockerEngine.SwarmTask(id: "t", serviceID: "s", nodeID: "n", state: state, desiredState: desired, message: message)
    }

    @Test func aTaskOnItsWayToRunningWaitsWithItsReasonAtAnyAge() {
        for state in ["pending", "assigned", "preparing", "starting"] {
            let hold = SwarmBackend.startingHold(task: task(state, message: "no suitable node"), node: "node2", young: false)
            #expect(hold == PoolHold(reason: .poolStarting, message: "the pool's task is \(state) on node2: no suitable node"))
        }
    }

    @Test func aDeadTaskWaitsOnlyWhileYoung() {
        for dead in [task("failed", message: "task: non-zero exit (137)"), task("rejected"), task("shutdown", desired: "shutdown"),
                     task("pending", desired: "shutdown")] {
            #expect(SwarmBackend.startingHold(task: dead, node: "node2", young: true)?.reason == .poolStarting)
            #expect(SwarmBackend.startingHold(task: dead, node: "node2", young: false) == nil, "\(dead.state)")
        }
        #expect(SwarmBackend.startingHold(task: nil, node: "node2", young: true)?.message == "the pool's task is not yet made on node2")
        #expect(SwarmBackend.startingHold(task: nil, node: "node2", young: false) == nil)
    }
}
