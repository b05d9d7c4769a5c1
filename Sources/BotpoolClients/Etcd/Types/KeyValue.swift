import Foundation

extension Etcd {
    /// One key as etcd holds it.
    public struct KeyValue: Sendable, Equatable {
        public var key: String
        public var value: Data
        /// The revision that created the key; it stays until the key is deleted.
        public var createRevision: Int64
        public var modRevision: Int64
        /// The lease the key is attached to; 0 for none.
        public var lease: Int64

        public init(key: String, value: Data, createRevision: Int64, modRevision: Int64, lease: Int64) {
            self.key = key
            self.value = value
            self.createRevision = createRevision
            self.modRevision = modRevision
            self.lease = lease
        }
    }

    /// The answer to a create-if-absent transaction.
    public enum CampaignResult: Sendable, Equatable {
        /// The key was created at `revision` (its create and mod revision).
        case won(revision: Int64)
        /// The key exists; `holder` is what it holds (nil only if it vanished between the
        /// compare and the read, which one transaction rules out).
        case held(by: KeyValue?)
    }
}
