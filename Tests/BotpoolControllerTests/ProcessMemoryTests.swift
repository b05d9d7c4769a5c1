@testable import BotpoolController
import BotpoolPlanner
import Foundation
import Testing

/// Pool memory from `/proc` and the cgroup filesystem, on a fake tree laid out like the real one.
@Suite struct ProcessMemoryTests {
    static let rollup = """
        55d0c0a4e000-7ffd6f1f2000 ---p 00000000 00:00 0                          [rollup]
        Rss:              312644 kB
        Pss:              101234 kB
        Pss_Anon:          90000 kB
        Shared_Clean:     200000 kB

        """

    @Test func pssComesFromThePssLineInKilobytes() {
        #expect(ProcessMemory.pssBytes(smapsRollup: Self.rollup) == Int64(101_234 * 1024))
        #expect(ProcessMemory.pssBytes(smapsRollup: "Rss: 1 kB\n") == nil)
        #expect(ProcessMemory.pssBytes(smapsRollup: "Pss: many kB\n") == nil)
    }

    @Test func cgroupV1UsesTheMemoryControllersPath() {
        let file = """
            12:pids:/docker/abc
            9:cpu,cpuacct:/docker/abc
            4:memory:/docker/abc
            0::/

            """
        #expect(ProcessMemory.cgroupProcsPath(cgroupFile: file, cgroupRoot: "/sys/fs/cgroup", unified: false)
                == "/sys/fs/cgroup/memory/docker/abc/cgroup.procs")
        #expect(ProcessMemory.cgroupProcsPath(cgroupFile: "3:pids:/docker/abc\n", cgroupRoot: "/cg", unified: false)
                == "/cg/pids/docker/abc/cgroup.procs")
    }

    @Test func cgroupV2UsesTheUnifiedPath() {
        #expect(ProcessMemory.cgroupProcsPath(cgroupFile: "0::/system.slice/docker-abc.scope\n",
                                              cgroupRoot: "/sys/fs/cgroup", unified: true)
                == "/sys/fs/cgroup/system.slice/docker-abc.scope/cgroup.procs")
        #expect(ProcessMemory.cgroupProcsPath(cgroupFile: "4:memory:/docker/abc\n", cgroupRoot: "/cg", unified: true) == nil)
    }

    @Test func aCgroupsMemoryIsTheSumOfItsProcessesSkippingOnesThatExited() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pm-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let proc = root + "/proc"
        let cgroup = root + "/cgroup"
        try FileManager.default.createDirectory(atPath: cgroup + "/memory/docker/abc", withIntermediateDirectories: true)
        for (pid, pss) in [(10, 1000), (11, 2000)] {
            try FileManager.default.createDirectory(atPath: "\(proc)/\(pid)", withIntermediateDirectories: true)
            try "Rss: 9 kB\nPss: \(pss) kB\n".write(toFile: "\(proc)/\(pid)/smaps_rollup", atomically: true, encoding: .utf8)
            try "4:memory:/docker/abc\n".write(toFile: "\(proc)/\(pid)/cgroup", atomically: true, encoding: .utf8)
        }
        try "10\n11\n12\n".write(toFile: cgroup + "/memory/docker/abc/cgroup.procs", atomically: true, encoding: .utf8)
        let memory = ProcessMemory(procRoot: proc, cgroupRoot: cgroup)
        let path = try #require(memory.cgroupProcsPath(pid: 10))
        #expect(path == cgroup + "/memory/docker/abc/cgroup.procs")
        #expect(memory.memory(cgroupProcs: path) == PoolMemory(pssBytes: 3000 * 1024, processes: 2))
        #expect(memory.memory(cgroupProcs: cgroup + "/memory/docker/gone/cgroup.procs") == nil)
        #expect(memory.cgroupProcsPath(pid: 99) == nil)
    }

    @Test func theZygoteStatusFileCountsOnlyForTheZygoteThatWroteIt() throws {
        let file = Data("""
            {"pid": 7, "python": "/usr/bin/python3", "version": "3.11.2", "preload": ["json"],
             "preloadSeconds": 0.012, "frozenObjects": 5120, "socket": "/botpool/supervisor/zygote.sock", "startedAt": 1.5}
            """.utf8)
        let serving = try #require(ZygoteStatusFile.serving(in: file, pid: 7))
        #expect(serving == ZygoteServing(pid: 7, python: "/usr/bin/python3", version: "3.11.2", preload: ["json"],
                                         preloadSeconds: 0.012, frozenObjects: 5120))
        #expect(ZygoteStatusFile.serving(in: file, pid: 8) == nil, "a restarted zygote still preloading")
        #expect(ZygoteStatusFile.serving(in: Data("{".utf8), pid: 7) == nil)
    }
}
