import Foundation

/// A python3 process that GETs `path` on each port every 100 ms, one thread per port, and when
/// its stdin closes prints, per port, the longest time between two answers with the expected body
/// (anything else, or none, is down) and how many polls failed.
final class DowntimePoller {
    struct Gap: Decodable {
        var longest: Double
        var failures: Int
        var answers: Int
    }

    let process = Process()
    private let output = Pipe()
    private let input = Pipe()

    static let script = """
        import json, sys, threading, time, urllib.request
        ports = [int(p) for p in sys.argv[3].split(",")]
        path, expected = sys.argv[1], sys.argv[2].split(",")
        stop = threading.Event()
        result = {}
        def poll(index, port):
            last, longest, failures, answers = None, 0.0, 0, 0
            while not stop.is_set():
                started = time.monotonic()
                ok = False
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=0.5) as r:
                        ok = r.status == 200 and r.read().decode() == expected[index]
                except Exception:
                    pass
                now = time.monotonic()
                if ok:
                    answers += 1
                    if last is not None:
                        longest = max(longest, now - last)
                    last = now
                else:
                    failures += 1
                result[str(port)] = {"longest": longest, "failures": failures, "answers": answers}
                stop.wait(max(0.0, 0.1 - (time.monotonic() - started)))
        threads = [threading.Thread(target=poll, args=(i, p)) for i, p in enumerate(ports)]
        for t in threads: t.start()
        print("polling", flush=True)
        # Stopped by closing stdin, not by a signal: a child of the test process may inherit a
        # mask that blocks SIGTERM.
        sys.stdin.read()
        stop.set()
        for t in threads: t.join()
        print(json.dumps(result), flush=True)
        """

    /// `expected[i]` is the body port `ports[i]` must answer.
    init(ports: [Int], path: String, expected: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, path, expected.joined(separator: ","),
                             ports.map(String.init).joined(separator: ",")]
        process.standardOutput = output
        process.standardInput = input
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Stops polling; the longest gap per port.
    func finish() throws -> [Int: Gap] {
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard let line = text.split(separator: "\n").last else { return [:] }
        let decoded = try JSONDecoder().decode([String: Gap].self, from: Data(line.utf8))
        return Dictionary(uniqueKeysWithValues: decoded.compactMap { key, value in Int(key).map { ($0, value) } })
    }
}
