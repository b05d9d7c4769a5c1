import Foundation
import Hummingbird

/// The status API's JSON, byte for byte what one `JSONEncoder` (pretty, sorted keys) makes of
/// the snapshot, but written a hundred bots or pools at a time. One encoder over 5,000 bots
/// built a tree of the whole answer and then its text: 15 MB at once, the controller's largest
/// allocation, on every poll of the status API.
struct StatusJSON {
    static let elementsPerChunk = 100

    let snapshot: StatusSnapshot
    /// The snapshot without bots and pools, encoded when the answer is made: a field that cannot
    /// be encoded is an error answer, not a body cut off after the status line. nil when the
    /// encoder's layout is not the one expected (no place for the bots or pools found): then the
    /// whole snapshot is encoded at once, as before, rather than answered without them.
    private let skeleton: String?

    init(_ snapshot: StatusSnapshot) throws {
        self.snapshot = snapshot
        var skeleton = snapshot
        skeleton.bots = []
        skeleton.pools = []
        let text = String(decoding: try Self.encoder().encode(skeleton), as: UTF8.self)
        self.skeleton = Self.keys.allSatisfy { text.contains(Self.marker($0)) } ? text : nil
    }

    /// Sorted keys put "bots" before "pools".
    private static let keys = ["bots", "pools"]

    /// A top-level key's empty array is `[`, an empty line and `  ]`; no JSON string holds a raw
    /// newline, so this is found only there.
    private static func marker(_ key: String) -> String { "\n  \"\(key)\" : [\n\n  ]" }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    var response: Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody { [self] writer in
                try await write(to: { try await writer.write($0) })
                try await writer.finish(nil)
            }
        )
    }

    /// Hands the JSON to `write` in pieces: each at most `elementsPerChunk` bots or pools.
    func write(elementsPerChunk: Int = Self.elementsPerChunk, to write: (ByteBuffer) async throws -> Void) async throws {
        let encoder = Self.encoder()
        guard let skeleton else { return try await write(ByteBuffer(data: try encoder.encode(snapshot))) }
        let perChunk = max(elementsPerChunk, 1)
        var rest = Substring(skeleton)
        for (key, elements) in zip(Self.keys, [snapshot.bots as [any Encodable], snapshot.pools]) {
            guard !elements.isEmpty, let found = rest.range(of: Self.marker(key)) else { continue }
            try await write(ByteBuffer(string: rest[..<found.lowerBound] + "\n  \"\(key)\" : [\n"))
            var chunk = ByteBuffer()
            for index in elements.indices {
                if index > 0 { chunk.writeStaticString(",\n") }
                Self.writeIndented(try encoder.encode(elements[index]), to: &chunk)
                if (index + 1) % perChunk == 0 || index == elements.count - 1 {
                    try await write(chunk)
                    chunk = ByteBuffer()
                }
            }
            rest = "\n  ]" + rest[found.upperBound...]
        }
        try await write(ByteBuffer(string: String(rest)))
    }

    /// An element encoded on its own, indented as one of a top-level key's array: four spaces
    /// before every line.
    private static func writeIndented(_ json: Data, to buffer: inout ByteBuffer) {
        json.withUnsafeBytes { bytes in
            var line = bytes[...]
            while true {
                buffer.writeStaticString("    ")
                guard let newline = line.firstIndex(of: UInt8(ascii: "\n")) else {
                    buffer.writeBytes(UnsafeRawBufferPointer(rebasing: line))
                    return
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: line[...newline]))
                line = line[(newline + 1)...]
            }
        }
    }
}
