/// Near-misses of a valid input, as a mutation fuzzer makes them: bit flips, random bytes,
/// cut, repeated and moved ranges, lines said twice, and tokens of the format (`dictionary`)
/// dropped in at random. Deterministic for a seed.
public struct ByteMutator: Sendable {
    /// Fragments of the format under test: tags, keys, entities, numbers that overflow.
    public var dictionary: [[UInt8]]

    public init(dictionary: [String]) {
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    /// `input` after one to four mutations.
    public func mutate(_ input: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            mutateOnce(&bytes, using: &random)
        }
        return bytes
    }

    private func mutateOnce(_ bytes: inout [UInt8], using random: inout SplitMix64) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0 where position < bytes.count:
            bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1 where position < bytes.count:
            bytes[position] = UInt8.random(in: 0...255, using: &random)
        case 2:
            bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) },
                         at: position)
        case 3:
            let end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
            bytes.removeSubrange(position..<end)
        case 4:
            let end = min(bytes.count, position + Int.random(in: 1...256, using: &random))
            let copy = bytes[position..<end]
            bytes.insert(contentsOf: copy, at: Int.random(in: 0...bytes.count, using: &random))
        case 5:
            bytes.removeSubrange(position...)
        case 6:
            bytes.insert(contentsOf: random.pick(dictionary) ?? [], at: position)
        default:
            Self.repeatLine(at: position, in: &bytes)
        }
    }

    /// Says the line holding `position` twice: a duplicate key in YAML, a repeated tag in XML.
    public static func repeatLine(at position: Int, in bytes: inout [UInt8]) {
        let newline = UInt8(ascii: "\n")
        let start = bytes[..<position].lastIndex(of: newline).map { $0 + 1 } ?? 0
        let end = bytes[position...].firstIndex(of: newline).map { $0 + 1 } ?? bytes.count
        bytes.insert(contentsOf: bytes[start..<end], at: end)
    }

    /// Bytes with a bias towards the format's punctuation, for inputs with no valid start.
    public func soup(count: Int, using random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            if random.chance(0.2), let token = random.pick(dictionary) {
                bytes += token
            } else {
                bytes.append(UInt8.random(in: 0...255, using: &random))
            }
        }
        return bytes
    }
}
