extension Supervisor {
    /// `reloadConfig`: group names whose on-disk config is new, differs from the running group,
    /// or is gone. Nothing is started or stopped by reloading; `changed` is exactly the groups
    /// that need remove + add to run what is on disk.
    public struct ReloadResult: Sendable, Equatable {
        public var added: [String]
        public var changed: [String]
        public var removed: [String]

        public init(added: [String], changed: [String], removed: [String]) {
            self.added = added
            self.changed = changed
            self.removed = removed
        }
    }

    /// `tailProcessStdoutLog`: the bytes, the offset to ask from next time, and whether older
    /// bytes were skipped.
    public struct LogTail: Sendable, Equatable {
        public var text: String
        public var nextOffset: Int
        public var overflow: Bool
    }
}
