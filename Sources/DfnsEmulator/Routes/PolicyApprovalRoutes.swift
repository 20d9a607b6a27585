import DfnsAPI
import Hummingbird

/// `/v2/policy-approvals`: the held permission assignments and revocations, as the Dfns policy engine lists them.
struct PolicyApprovalRoutes: Sendable {
    /// The statuses `GET /v2/policy-approvals?status=` accepts.
    static let statuses: Set<String> = ["Pending", "Approved", "Denied", "Expired"]

    func register(on api: APIRouter) {
        let approvals = api.gateway.approvals
        api.on(.get, "/v2/policy-approvals", .read("Policies:Approvals:Read")) { input in
            let status = input.query.get("status")
            if let status, !Self.statuses.contains(status) {
                throw EmulatorError.badRequest(
                    "status must be one of \(Self.statuses.sorted().joined(separator: ", ")), not '\(status)'")
            }
            let page = try input.page()
            return page.page(
                of: await approvals.policyApprovals(
                    orgId: input.caller.orgId, status: status, initiatorId: input.query.get("initiatorId")))
        }
    }
}
