/// supervisord's `reloadConfig` per pool, shared by the actions in flight on that pool.
///
/// A placement commits its program file, then needs supervisord to have read `conf.d` since:
/// any reload that *starts* after the commit will do. supervisord serves one call at a time and
/// each reload parses every program file, so 20 placements in a pool asking one reload each
/// cost 20 parses of up to 20 files, queued behind each other. Here a request joins the next
/// reload to start: while one runs, every request that arrives waits for one more, which starts
/// when the running one ends and covers them all. A pool filling from empty takes two or three
/// reloads instead of one per bot.
///
/// A reload's failure is every covered request's failure (their actions fail and the next pass
/// places them again). Nothing is kept once no request waits.
actor ConfigReloads {
    private struct Waiter {
        var ticket: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct PoolState {
        /// Tickets handed out; a reload that starts now covers every one of them.
        var issued = 0
        var waiting: [Waiter] = []
    }

    private var pools: [String: PoolState] = [:]

    /// Returns once a reload that started after this call has finished; `call` is one reload
    /// (any caller's: they all ask the same supervisord).
    func reload(pool: String, _ call: @escaping @Sendable () async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let idle = pools[pool] == nil
            var state = pools[pool] ?? PoolState()
            state.issued += 1
            state.waiting.append(Waiter(ticket: state.issued, continuation: continuation))
            pools[pool] = state
            if idle {
                Task { await self.serve(pool, call) }
            }
        }
    }

    /// Requests waiting on `pool` (tests use it to line requests up behind a running reload).
    func waiting(pool: String) -> Int {
        pools[pool]?.waiting.count ?? 0
    }

    /// One reload after another while requests wait; each answers those issued before it began.
    private func serve(_ pool: String, _ call: @Sendable () async throws -> Void) async {
        while let covered = pools[pool]?.issued {
            let result: Result<Void, any Error>
            do {
                try await call()
                result = .success(())
            } catch {
                result = .failure(error)
            }
            guard var state = pools[pool] else { return }
            let answered = state.waiting.filter { $0.ticket <= covered }
            state.waiting.removeAll { $0.ticket <= covered }
            pools[pool] = state.waiting.isEmpty ? nil : state
            for waiter in answered { waiter.continuation.resume(with: result) }
        }
    }
}
