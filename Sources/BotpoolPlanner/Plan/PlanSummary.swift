/// Counts of actions by kind, for the summary line and the JSON `summary` object.
public struct PlanSummary: Hashable, Sendable, Codable {
    public var poolsToCreate = 0
    public var poolsToReplace = 0
    public var poolsToRemove = 0
    public var botsToPlace = 0
    public var botsToUpdate = 0
    public var botsToStart = 0
    public var botsToStop = 0
    public var botsToRestart = 0
    public var botsToRemove = 0
    public var botsToDrain = 0
    public var botsToResume = 0

    public init(_ actions: [Action]) {
        for action in actions {
            switch action.kind {
            case .createPool: poolsToCreate += 1
            case .replacePool: poolsToReplace += 1
            case .removePool: poolsToRemove += 1
            case .placeBot: botsToPlace += 1
            case .updateBot: botsToUpdate += 1
            case .startBot: botsToStart += 1
            case .stopBot: botsToStop += 1
            case .restartBot: botsToRestart += 1
            case .removeBot: botsToRemove += 1
            case .drainBot: botsToDrain += 1
            case .resumeBot: botsToResume += 1
            }
        }
    }
}
