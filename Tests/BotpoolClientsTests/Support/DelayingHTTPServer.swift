import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1: one thread per connection, each request answered with
/// `status` and body `ok` (or `bodyBytes` of `x`, sent without a length until the client stops
/// reading) after `delay`. Enough to show whether concurrent requests serialise, and whether a
/// client bounds what it reads.
final class DelayingHTTPServer: @unchecked Sendable {
    private let socket: ListeningSocket
    let delay: Duration
    let status: Int
    var port: Int { socket.port }
    private let inFlight = InFlight()
    var peakConcurrency: Int { inFlight.peak }

    init(delay: Duration = .zero, status: Int = 200, bodyBytes: Int? = nil) throws {
        socket = try ListeningSocket()
        self.delay = delay
        self.status = status
        // The thread holds the descriptor, not the socket: deinit closes it and accept fails.
        let listener = socket.descriptor
        let counter = inFlight
        let thread = Thread { Self.acceptLoop(listener, delay: delay, status: status, bodyBytes: bodyBytes, counter: counter) }
        thread.start()
    }

    private static func acceptLoop(_ listener: Int32, delay: Duration, status: Int, bodyBytes: Int?, counter: InFlight) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            Thread { serve(client, delay: delay, status: status, bodyBytes: bodyBytes, counter: counter) }.start()
        }
    }

    private static func serve(_ client: Int32, delay: Duration, status: Int, bodyBytes: Int?, counter: InFlight) {
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
        guard let bodyBytes else {
            let response = "HTTP/1.1 \(status) X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            _ = response.utf8CString.withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count - 1) }
            return
        }
        let head = "HTTP/1.1 \(status) X\r\nConnection: close\r\n\r\n"
        _ = head.utf8CString.withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count - 1) }
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
        var sent = 0
        while sent < bodyBytes {
            let count = chunk.withUnsafeBufferPointer { write(client, $0.baseAddress, min($0.count, bodyBytes - sent)) }
            if count <= 0 { return }
            sent += count
        }
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
