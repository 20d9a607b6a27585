/// What a planned action does.
public enum ActionType: String, Sendable, Hashable, Codable, CaseIterable {
    case create
    case update
    case activate
    case deactivate
    case delete
    case adopt
    case rotate
    /// `dfnsops rollback`: return a rotated object to its previous generation.
    case rollback

    /// The symbol the text plan shows: `+` create, `~` update, `↻` rotate, `↺` roll back, `-` deactivate or delete.
    public var symbol: String {
        switch self {
        case .create: "+"
        case .update, .activate, .adopt: "~"
        case .rotate: "↻"
        case .rollback: "↺"
        case .deactivate, .delete: "-"
        }
    }

    /// True for actions that take something away (counted against `maxDeactivations`, refused on `protect: true`
    /// objects and on the operator's own principal). A rollback takes the newer generation away.
    public var isDestructive: Bool { self == .deactivate || self == .delete || self == .rollback }
}
