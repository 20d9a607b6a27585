extension HTTPDfnsClient {
    /// `GET /v2/policy-approvals`, every page; `status` filters (`Pending`, `Approved`, `Denied`, `Expired`).
    public func listPolicyApprovals(status: String?) async throws -> [PolicyApproval] {
        try await readAllPages("/v2/policy-approvals", query: [("status", status)])
    }
}
