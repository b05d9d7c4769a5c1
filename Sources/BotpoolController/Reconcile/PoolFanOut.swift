/// Reads of every pool (observe, the process watch) go out at most `limit` at a time. Each read
/// holds a blocking thread for its libcurl call: with 250 pools answering at once the controller
/// grew 235 threads and 70 MB of memory for no faster pass, since one core's worth of supervisord
/// processes answers them either way.
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
