import Foundation

/// Reads `/proc` and the cgroup filesystem of the controller's host. Roots are parameters so
/// tests can lay out a fake tree; the parsing is the same either way.
public struct ProcessMemory: Sendable {
    public var procRoot: String
    public var cgroupRoot: String

    public init(procRoot: String = "/proc", cgroupRoot: String = "/sys/fs/cgroup") {
        self.procRoot = procRoot
        self.cgroupRoot = cgroupRoot
    }

    /// `Pss:` of `/proc/PID/smaps_rollup` in bytes; nil when the process is gone or unreadable.
    public func pssBytes(pid: Int) -> Int64? {
        guard let text = try? String(contentsOfFile: "\(procRoot)/\(pid)/smaps_rollup", encoding: .utf8) else {
            return nil
        }
        return Self.pssBytes(smapsRollup: text)
    }

    static func pssBytes(smapsRollup text: String) -> Int64? {
        for line in text.split(separator: "\n") where line.hasPrefix("Pss:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 3, fields[2] == "kB", let kilobytes = Int64(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// The `cgroup.procs` file of the cgroup that `pid` belongs to: the unified hierarchy's
    /// (cgroup v2) or, on v1, the memory controller's (pids as a fallback).
    public func cgroupProcsPath(pid: Int) -> String? {
        guard let text = try? String(contentsOfFile: "\(procRoot)/\(pid)/cgroup", encoding: .utf8) else { return nil }
        let unified = FileManager.default.fileExists(atPath: cgroupRoot + "/cgroup.controllers")
        return Self.cgroupProcsPath(cgroupFile: text, cgroupRoot: cgroupRoot, unified: unified)
    }

    /// `/proc/PID/cgroup` lines are `hierarchy-id:controllers:path`.
    static func cgroupProcsPath(cgroupFile text: String, cgroupRoot: String, unified: Bool) -> String? {
        var byController: [String: String] = [:]
        var unifiedPath: String?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let path = String(fields[2])
            if fields[0] == "0" && fields[1].isEmpty { unifiedPath = path }
            for controller in fields[1].split(separator: ",") { byController[String(controller)] = path }
        }
        if unified {
            return unifiedPath.map { Self.join(cgroupRoot, $0) + "/cgroup.procs" }
        }
        for controller in ["memory", "pids"] {
            if let path = byController[controller] {
                return Self.join(cgroupRoot + "/" + controller, path) + "/cgroup.procs"
            }
        }
        return nil
    }

    private static func join(_ root: String, _ path: String) -> String {
        path == "/" ? root : root + path
    }

    /// The processes of a cgroup; nil when it is gone (the container stopped or was replaced).
    public func pids(cgroupProcs path: String) -> [Int]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { Int($0) }
    }

    /// Summed PSS of a cgroup's processes; a process that exits between the two reads counts 0.
    public func memory(cgroupProcs path: String) -> PoolMemory? {
        guard let pids = pids(cgroupProcs: path), !pids.isEmpty else { return nil }
        var total: Int64 = 0
        var counted = 0
        for pid in pids {
            guard let pss = pssBytes(pid: pid) else { continue }
            total += pss
            counted += 1
        }
        return PoolMemory(pssBytes: total, processes: counted)
    }
}
