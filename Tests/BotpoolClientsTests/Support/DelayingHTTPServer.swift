import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1: one thread per connection, each request answered with
/// `status` and body `ok` after `delay`. Enough to show whether concurrent requests serialise.
final class DelayingHTTPServer: @unchecked Sendable {
    private let socket: ListeningSocket
    let delay: Duration
    let status: Int
    var port: Int { socket.port }
    private let inFlight = InFlight()
    var peakConcurrency: Int { inFlight.peak }

    init(delay: Duration = .zero, status: Int = 200) throws {
        socket = try ListeningSocket()
        self.delay = delay
        self.status = status
        // The thread holds the descriptor, not the socket: deinit closes it and accept fails.
        let listener = socket.descriptor
        let counter = inFlight
        let thread = Thread { Self.acceptLoop(listener, delay: delay, status: status, counter: counter) }
        thread.start()
    }

    private static func acceptLoop(_ listener: Int32, delay: Duration, status: Int, counter: InFlight) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            Thread { serve(client, delay: delay, status: status, counter: counter) }.start()
        }
    }

    private static func serve(_ client: Int32, delay: Duration, status: Int, counter: InFlight) {
        defer { close(client) }
        counter.enter()
        defer { counter.leave() }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.containsHeaderEnd {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { return }
            received += buffer[0..<count]
        }
        if delay > .zero { usleep(UInt32(delay.milliseconds * 1000)) }
        let response = "HTTP/1.1 \(status) X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        _ = response.utf8CString.withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count - 1) }
    }
}

/// Requests being answered at once, now and at the most.
final class InFlight: Sendable {
    private let counts = Mutex((now: 0, peak: 0))
    var peak: Int { counts.withLock { $0.peak } }
    func enter() { counts.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) } }
    func leave() { counts.withLock { $0.now -= 1 } }
}

private extension [UInt8] {
    var containsHeaderEnd: Bool {
        count >= 4 && indices.dropLast(3).contains { self[$0] == 13 && self[$0 + 1] == 10 && self[$0 + 2] == 13 && self[$0 + 3] == 10 }
    }
}
