import CCurl
import Foundation

/// Collects what curl's callbacks deliver during one transfer. Touched by one thread only.
final class CurlResponseSink {
    var body = Data()
    var headers: [String: String] = [:]
    /// The most of the body kept; past it the transfer is stopped.
    let limit: Int
    /// The body reached `limit` and the rest was not read.
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = limit
    }

    static let writeBody: botpool_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let sink = Unmanaged<CurlResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard let data, length > 0 else { return length }
        let room = max(sink.limit - sink.body.count, 0)
        sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: min(length, room))
        guard length <= room else {
            // Returning less than was delivered makes curl stop with CURLE_WRITE_ERROR.
            sink.truncated = true
            return 0
        }
        return length
    }

    static let writeHeader: botpool_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let sink = Unmanaged<CurlResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard let data, length > 0 else { return length }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        sink.headerLine(String(decoding: bytes, as: UTF8.self))
        return length
    }

    private func headerLine(_ line: String) {
        // A new status line (after 100 Continue or a redirect) starts a new header block.
        if line.hasPrefix("HTTP/") {
            headers = [:]
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers[name] = value
    }
}
