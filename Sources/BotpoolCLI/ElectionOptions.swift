import ArgumentParser
import BotpoolClients
import BotpoolController
import BotpoolTransport

/// `botpool run --etcd`: several controllers, one active, elected on a lease in etcd. Defaults
/// are controller-runtime's.
struct ElectionOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp(
        "etcd to elect the active controller on, e.g. http://127.0.0.1:2379. Without it the state dir's lock decides.",
        valueName: "url"))
    var etcd: String?

    @Option(help: ArgumentHelp("Controllers with the same name elect one leader (key /botpool/<name>/leader).", valueName: "name"))
    var electionName = "default"

    @Option(help: ArgumentHelp("Seconds the leader's lease lives without renewal: the longest a follower waits after a crash.",
                               valueName: "seconds"))
    var leaseDuration = 15

    @Option(help: ArgumentHelp("Seconds after its last successful renewal at which a leader stops acting and exits.",
                               valueName: "seconds"))
    var renewDeadline: Double = 10

    @Option(help: ArgumentHelp("Seconds between renewals (leader) and attempts (followers); also each etcd call's timeout.",
                               valueName: "seconds"))
    var retryPeriod: Double = 2

    @Option(help: ArgumentHelp(
        "The URL followers name for this controller's status server while it leads (default: http://<--listen>, with this host's name for 0.0.0.0 or [::]).",
        valueName: "url"))
    var advertiseURL: String?

    /// What followers and `get --server` are told to ask: an unspecified listen address is no
    /// address another host can use, so the host's name stands in for it.
    func statusURL(listen: String, hostName: String) -> String? {
        if let advertiseURL { return advertiseURL }
        guard listen != "none" else { return nil }
        for unspecified in ["0.0.0.0:", "[::]:", ":::"] where listen.hasPrefix(unspecified) {
            return "http://\(hostName):\(listen.dropFirst(unspecified.count))"
        }
        return "http://\(listen)"
    }

    func validate() throws {
        if let advertiseURL {
            guard advertiseURL.hasPrefix("http://") || advertiseURL.hasPrefix("https://"), (try? HTTPEndpoint(parsing: advertiseURL)) != nil else {
                throw ValidationError("--advertise-url \(advertiseURL): expected http://host:port")
            }
        }
        guard let etcd else { return }
        do {
            _ = try HTTPEndpoint(parsing: etcd)
        } catch {
            throw ValidationError("--etcd \(etcd): \(error)")
        }
        guard !electionName.isEmpty, electionName.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("--election-name \(electionName): use letters, digits, '-', '_' and '.'")
        }
        guard leaseDuration >= 2 else { throw ValidationError("--lease-duration must be at least 2 seconds") }
        guard retryPeriod >= 0.1, renewDeadline > retryPeriod, renewDeadline < Double(leaseDuration) else {
            throw ValidationError("""
                need --retry-period < --renew-deadline < --lease-duration (got \(retryPeriod) < \(renewDeadline) < \
                \(leaseDuration)): a leader must stop before its lease can expire, and renew more than once before it stops
                """)
        }
    }

    var timing: EtcdLeadership.Timing {
        EtcdLeadership.Timing(leaseDuration: .seconds(leaseDuration), renewDeadline: .seconds(renewDeadline),
                              retryPeriod: .seconds(retryPeriod))
    }
}
