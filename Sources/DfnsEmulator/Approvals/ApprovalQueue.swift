import DfnsAPI
import Foundation

/// Holds calls that need policy approval until the admin API approves or rejects them.
public actor ApprovalQueue {
    /// The held operation: runs the call and returns its status and JSON body.
    typealias Operation = @Sendable () async throws -> (status: Int, body: Data)

    private let clock: any EmulatorClock
    private var rules: [ApprovalRule] = []
    private var records: [ApprovalRecord] = []
    private var operations: [String: Operation] = [:]
    private var nextRuleId = 1

    init(clock: any EmulatorClock) {
        self.clock = clock
    }

    /// Installs a rule and returns it with its id.
    public func add(_ rule: ApprovalRule) -> ApprovalRule {
        var rule = rule
        if rule.id == nil {
            rule.id = "approval-rule-\(nextRuleId)"
            nextRuleId += 1
        }
        rules.append(rule)
        return rule
    }

    /// The installed rules.
    public func listRules() -> [ApprovalRule] { rules }

    /// Removes a rule; returns whether it existed.
    @discardableResult
    public func removeRule(id: String) -> Bool {
        let before = rules.count
        rules.removeAll { $0.id == id }
        return before != rules.count
    }

    /// Every held or resolved call, oldest first.
    public func list() -> [ApprovalRecord] { records }

    /// Whether a call must wait for approval.
    func requiresApproval(method: String, path: String) -> Bool {
        rules.contains { $0.matches(method: method, path: path) }
    }

    /// The organisation's held assignments and revocations as `GET /v2/policy-approvals` lists them, oldest first;
    /// `status` (`Pending`, `Approved`, `Denied`, `Expired`) and `initiatorId` filter.
    func policyApprovals(orgId: String, status: String?, initiatorId: String?) -> [PolicyApproval] {
        records.filter { $0.orgId == orgId }.compactMap(\.policyApproval).filter {
            (status == nil || $0.status == status) && (initiatorId == nil || $0.initiatorId == initiatorId)
        }
    }

    /// Holds a call and returns its pending record.
    /// - Parameter change: the permission assignment or revocation the call makes, if it makes one.
    func hold(
        method: String, path: String, body: Data, caller: Caller, change: HeldAssignmentChange?,
        operation: @escaping Operation
    ) -> ApprovalRecord {
        let record = ApprovalRecord(
            status: "Pending", id: EntityID.make("ap"), orgId: caller.orgId, initiatorId: caller.userId,
            method: method, path: path, body: JSONComparison.value(body),
            dateCreated: DfnsDate.format(clock.now()), change: change)
        records.append(record)
        operations[record.id] = operation
        return record
    }

    /// Approves a held call: runs it now and records its outcome.
    /// - Throws: `EmulatorError` 404 for an unknown id, 409 when it is no longer pending.
    public func approve(id: String) async throws -> ApprovalRecord {
        let index = try pendingIndex(id)
        guard let operation = operations.removeValue(forKey: id) else {
            throw EmulatorError(409, "approval \(id) cannot run: the emulator restarted since it was held")
        }
        records[index].dateResolved = DfnsDate.format(clock.now())
        do {
            let (status, body) = try await operation()
            records[index].status = "Approved"
            records[index].resultStatus = status
            records[index].result = JSONComparison.value(body)
        } catch let error as EmulatorError {
            records[index].status = "Failed"
            records[index].resultStatus = error.statusCode
            records[index].result = .string(error.message)
        }
        return records[index]
    }

    /// Rejects a held call; it never runs.
    /// - Throws: `EmulatorError` 404 for an unknown id, 409 when it is no longer pending.
    public func reject(id: String) throws -> ApprovalRecord {
        let index = try pendingIndex(id)
        operations[id] = nil
        records[index].status = "Rejected"
        records[index].dateResolved = DfnsDate.format(clock.now())
        return records[index]
    }

    private func pendingIndex(_ id: String) throws -> Int {
        guard let index = records.firstIndex(where: { $0.id == id }) else {
            throw EmulatorError.notFound("approval", id)
        }
        guard records[index].status == "Pending" else {
            throw EmulatorError(409, "approval \(id) is already \(records[index].status)")
        }
        return index
    }
}
