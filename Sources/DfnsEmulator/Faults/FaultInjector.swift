/// Holds the installed faults and decides, request by request, which one fires.
public actor FaultInjector {
    /// A rule and how often it has matched and fired.
    public struct Entry: Codable, Sendable, Equatable {
        /// The rule.
        public var rule: FaultRule
        /// How many requests matched the rule's method and path.
        public var matched: Int
        /// How many times it fired.
        public var fired: Int
    }

    private var entries: [Entry] = []
    private var generator: SeededGenerator
    private var nextId = 1

    /// Creates an injector with `rules` installed.
    /// - Parameter seed: the seed for fractional faults; nil picks a random one.
    public init(rules: [FaultRule] = [], seed: UInt64? = nil) {
        generator = SeededGenerator(seed: seed ?? UInt64.random(in: .min ... .max))
        for rule in rules { _ = Self.insert(rule, into: &entries, nextId: &nextId) }
    }

    private static func insert(_ rule: FaultRule, into entries: inout [Entry], nextId: inout Int) -> FaultRule {
        var rule = rule
        if rule.id == nil {
            rule.id = "fault-\(nextId)"
            nextId += 1
        }
        entries.append(Entry(rule: rule, matched: 0, fired: 0))
        return rule
    }

    /// Installs a rule and returns it with its id.
    public func add(_ rule: FaultRule) -> FaultRule {
        Self.insert(rule, into: &entries, nextId: &nextId)
    }

    /// The installed rules with their counters.
    public func list() -> [Entry] { entries }

    /// Removes one rule; returns whether it existed.
    @discardableResult
    public func remove(id: String) -> Bool {
        let before = entries.count
        entries.removeAll { $0.rule.id == id }
        return entries.count != before
    }

    /// Removes every rule.
    public func removeAll() { entries.removeAll() }

    /// Counts the request against every matching rule and returns the first rule that fires, if any.
    func decide(method: String, path: String) -> FaultRule? {
        var chosen: FaultRule?
        for index in entries.indices where entries[index].rule.matches(method: method, path: path) {
            entries[index].matched += 1
            guard chosen == nil else { continue }
            let rule = entries[index].rule
            let limit = rule.times ?? (rule.nth == nil ? Int.max : 1)
            guard entries[index].fired < limit else { continue }
            if let nth = rule.nth, entries[index].matched < nth { continue }
            if let probability = rule.probability, Double.random(in: 0..<1, using: &generator) >= probability {
                continue
            }
            entries[index].fired += 1
            chosen = rule
        }
        return chosen
    }
}
