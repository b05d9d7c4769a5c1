/// The pools of one group that have a free slot, bucketed by how many slots are used, so that
/// "the fullest pool with room" costs a scan of the fullest buckets rather than of every pool.
struct PlacementQueue {
    private struct Entry: Comparable {
        var poolIndex: Int
        var book: Int
        static func < (lhs: Entry, rhs: Entry) -> Bool { (lhs.poolIndex, lhs.book) < (rhs.poolIndex, rhs.book) }
    }

    /// `buckets[n]`: pools with n used slots, by pool index.
    private var buckets: [[Entry]]

    init(maxBots: Int) {
        buckets = Array(repeating: [], count: max(maxBots, 1))
    }

    mutating func insert(book: Int, poolIndex: Int, usedSlots: Int) {
        guard usedSlots < buckets.count else { return }
        let entry = Entry(poolIndex: poolIndex, book: book)
        let position = Self.position(of: entry, in: buckets[usedSlots])
        buckets[usedSlots].insert(entry, at: position)
    }

    mutating func remove(book: Int, poolIndex: Int, usedSlots: Int) {
        guard usedSlots < buckets.count else { return }
        let entry = Entry(poolIndex: poolIndex, book: book)
        let position = Self.position(of: entry, in: buckets[usedSlots])
        if position < buckets[usedSlots].count, buckets[usedSlots][position] == entry {
            buckets[usedSlots].remove(at: position)
        }
    }

    /// The fullest pool (lowest index among equals) that `accepts`.
    func fullest(where accepts: (Int) -> Bool) -> Int? {
        for bucket in buckets.reversed() {
            if let entry = bucket.first(where: { accepts($0.book) }) { return entry.book }
        }
        return nil
    }

    var isEmpty: Bool { buckets.allSatisfy(\.isEmpty) }

    private static func position(of entry: Entry, in bucket: [Entry]) -> Int {
        var low = 0
        var high = bucket.count
        while low < high {
            let mid = (low + high) / 2
            if bucket[mid] < entry { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
