/// The answer to "give me X": X, or the plain fact that X does not exist (a 404 is not an error).
public enum Lookup<Value> {
    case found(Value)
    case absent

    public var value: Value? {
        switch self {
        case .found(let value): value
        case .absent: nil
        }
    }
}

extension Lookup: Sendable where Value: Sendable {}
extension Lookup: Equatable where Value: Equatable {}
