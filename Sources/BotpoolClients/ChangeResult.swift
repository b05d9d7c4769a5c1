/// What a start, stop, kill, remove, add or signal call did. Only "it failed" is an error; these
/// are the outcomes a reconciler expects and plans around.
public enum ChangeResult: Sendable, Equatable {
    case done
    /// Already started, already stopped, not running when signalled, already added.
    case alreadyDone
    /// No such container, process or group.
    case absent
}
