/// Reads of every pool (observe, the process watch) go out at most `limit` at a time. Each read
/// holds a blocking thread for its libcurl call: at 5,000 bots, reading all 250 pools at once took
/// the controller from 30 to 265 threads and from 83 to 153 MB, and the no-op pass was no faster
/// for it (0.88 s; 0.69 s with 16 at a time).
enum PoolFanOut {
    static let limit = 16

    /// `transform` of every element, at most `limit` running at once; in completion order.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], limit: Int = Self.limit, _ transform: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: Result.self) { group in
            var next = elements.startIndex
            while next < elements.endIndex, next - elements.startIndex < max(limit, 1) {
                let element = elements[next]
                group.addTask { await transform(element) }
                next += 1
            }
            var results: [Result] = []
            results.reserveCapacity(elements.count)
            while let result = await group.next() {
                results.append(result)
                if next < elements.endIndex {
                    let element = elements[next]
                    group.addTask { await transform(element) }
                    next += 1
                }
            }
            return results
        }
    }
}
