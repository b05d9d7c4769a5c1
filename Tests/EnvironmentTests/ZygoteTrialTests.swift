import DockerTestSupport
import Foundation
import Testing

/// The zygote's trial import (zygote_learning.trial, as installed in the pool image): a module
/// whose import hangs is killed after the round's deadline and left out, the others kept, so a
/// learned list can never keep a zygote (and every launcher waiting on it) from serving.
@Suite(.serialized) struct ZygoteTrialTests {
    static let suite = "zygote-trial"

    @Test func aModuleWhoseImportHangsIsLeftOutAfterTheDeadline() throws {
        try DockerEnvironment.prepare(suite: Self.suite)
        let files = FileManager.default
        let dir = files.temporaryDirectory.appendingPathComponent("botpool-trial-\(UUID().uuidString)")
        try files.createDirectory(at: dir.appendingPathComponent("mods"), withIntermediateDirectories: true)
        defer { try? files.removeItem(at: dir) }
        let modules = [
            "fine_mod": "VALUE = 1\n",
            // Hangs, with a child of its own: the kill must take the whole process group.
            "hangs_mod": "import os, time\nif os.fork() == 0:\n    time.sleep(3600)\ntime.sleep(3600)\n",
            "after_mod": "VALUE = 2\n",
        ]
        for (name, text) in modules {
            try text.write(to: dir.appendingPathComponent("mods/\(name).py"), atomically: true, encoding: .utf8)
        }
        let script = """
            import json, os, sys
            sys.path.insert(0, "/usr/local/lib/botpool")
            sys.path.insert(0, "/t/mods")
            import zygote_learning
            accepted, rejected = zygote_learning.trial(["fine_mod", "hangs_mod", "after_mod"], ("/t/mods",), round_seconds=3)
            left = [pid for pid in os.listdir("/proc") if pid.isdigit() and int(pid) != os.getpid() and int(pid) != 1]
            print(json.dumps({"accepted": accepted, "rejected": rejected, "left": left}))
            """
        try script.write(to: dir.appendingPathComponent("check.py"), atomically: true, encoding: .utf8)
        let run = try Command.run("docker", [
            "run", "--rm", "--label", "\(DockerEnvironment.testLabel)=\(Self.suite)", "--init",
            "-v", "\(dir.path):/t:ro", DockerEnvironment.poolImage, "python3", "/t/check.py",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        #expect(result["accepted"] as? [String] == ["fine_mod", "after_mod"])
        #expect(result["rejected"] as? [String: String] == ["hangs_mod": "its import did not finish in 3 s"])
        #expect(result["left"] as? [String] == [], "the hanging import's processes outlived the trial")
    }
}
