import Foundation

extension DockerEngine {
    /// A piece of container output as the daemon tagged it.
    public struct LogFrame: Sendable, Equatable {
        public enum Stream: UInt8, Sendable {
            case stdin = 0, stdout = 1, stderr = 2
        }

        public var stream: Stream
        public var bytes: Data

        public init(stream: Stream, bytes: Data) {
            self.stream = stream
            self.bytes = bytes
        }

        public var text: String { String(decoding: bytes, as: UTF8.self) }

        /// Splits the multiplexed stream format: per frame one header byte for the stream, three
        /// zero bytes, a big-endian UInt32 length, then that many bytes. Nil when `data` is not
        /// entirely in that format (a TTY container's raw output).
        public static func demultiplex(_ data: Data) -> [LogFrame]? {
            let bytes = [UInt8](data)
            var frames: [LogFrame] = []
            var index = 0
            while index < bytes.count {
                guard index + 8 <= bytes.count, let stream = Stream(rawValue: bytes[index]),
                      bytes[index + 1] == 0, bytes[index + 2] == 0, bytes[index + 3] == 0
                else { return nil }
                let length = bytes[(index + 4)..<(index + 8)].reduce(0) { $0 << 8 | Int($1) }
                let start = index + 8
                guard start + length <= bytes.count else { return nil }
                frames.append(LogFrame(stream: stream, bytes: Data(bytes[start..<(start + length)])))
                index = start + length
            }
            return frames
        }
    }
}
