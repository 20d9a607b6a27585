/// What a planned action does.
public enum ActionType: String, Sendable, Hashable, Codable, CaseIterable {
    case create
    case update
    case activate
    case deactivate
    case delete
    case adopt
    case rotate

    /// The symbol the text plan shows: `+` create, `~` update, `↻` rotate, `-` deactivate or delete.
    public var symbol: String {
        switch self {
        case .create: "+"
        case .update, .activate, .adopt: "~"
        case .rotate: "↻"
        case .deactivate, .delete: "-"
        }
    }

    /// True for actions that take something away (counted against `maxDeactivations`).
    public var isDestructive: Bool { self == .deactivate || self == .delete }
}
