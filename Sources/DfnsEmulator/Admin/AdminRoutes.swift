import DfnsAPI
import Foundation
import Hummingbird

/// The admin API under `/_emulator/`: state, clock, faults, events, approvals, request counts, tokens.
///
/// It is outside the Dfns path space, needs no token, and exists only with `--admin`.
struct AdminRoutes: Sendable {
    /// Where the admin API lives.
    static let prefix = "/_emulator"

    let emulator: Emulator
    let dispatcher: WebhookDispatcher

    private struct ClockBody: Codable, Sendable {
        var now: String
        var manual: Bool
    }

    private struct AdvanceRequest: Codable, Sendable {
        var seconds: Double
    }

    private struct SetClockRequest: Codable, Sendable {
        var now: String
    }

    private struct FaultSpec: Codable, Sendable {
        var spec: String
    }

    private struct EventRequest: Codable, Sendable {
        var kind: String
        var data: JSONValue?
        var orgId: String?
    }

    private struct OrgRequest: Codable, Sendable {
        var name: String?
        var keyAlgorithm: KeyAlgorithm?
    }

    private struct RateLimitBody: Codable, Sendable {
        var requestsPerMinute: Int
    }

    private struct MintedToken: Codable, Sendable {
        var accessToken: String
    }

    private static func body(_ request: Request, _ context: EmulatorRequestContext) async throws -> Data {
        Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
    }

    private static func baseURL(_ request: Request) -> String {
        let host = request.head.authority ?? "127.0.0.1"
        return "http://\(host)"
    }

    func register(on router: Router<EmulatorRequestContext>) {
        let emulator = self.emulator
        let store = emulator.store
        let dispatcher = self.dispatcher
        let admin = router.group(RouterPath(Self.prefix))
        admin.get("health") { _, _ in try APIGateway.json(["status": "ok"]) }
        admin.get("state") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: try await store.stateDump())))
        }
        admin.get("operators") { request, _ in
            try APIGateway.json(await store.operatorCredentials(apiURL: Self.baseURL(request)))
        }
        admin.post("orgs") { request, context in
            let body = try APIGateway.decode(OrgRequest.self, from: try await Self.body(request, context))
            let created = try await store.createAdditionalOrg(
                name: body.name ?? "org", keyAlgorithm: body.keyAlgorithm ?? emulator.configuration.operatorKeyAlgorithm
            )
            return try APIGateway.json(created.with(apiURL: Self.baseURL(request)), status: .created)
        }
        admin.post("tokens/:tokenId") { _, context in
            let tokenId = try context.parameters.require("tokenId")
            return try APIGateway.json(MintedToken(accessToken: try await store.mintToken(tokenId: tokenId)))
        }
        registerClock(on: admin, emulator: emulator)
        registerFaults(on: admin, faults: emulator.faults)
        registerApprovals(on: admin, approvals: emulator.approvals)
        admin.post("events") { request, context in
            let body = try APIGateway.decode(EventRequest.self, from: try await Self.body(request, context))
            guard !body.kind.isEmpty else { throw EmulatorError.badRequest("kind must not be empty") }
            let orgId: String
            if let requested = body.orgId {
                orgId = requested
            } else if let first = await store.operatorCredentials().first?.orgId {
                orgId = first
            } else {
                throw EmulatorError.badRequest("there is no organisation to deliver to")
            }
            let events = try await dispatcher.trigger(kind: body.kind, data: body.data ?? .object([:]), orgId: orgId)
            return try APIGateway.json(ItemList(items: events))
        }
        admin.get("requests") { _, _ in
            try APIGateway.json(await emulator.ledger.summary(mutationsApplied: await store.appliedMutationCount()))
        }
        admin.delete("requests") { _, _ in
            await emulator.ledger.reset(mutationsApplied: await store.appliedMutationCount())
            return try APIGateway.json(EmptyResponse())
        }
        admin.get("rate-limit") { _, _ in
            try APIGateway.json(RateLimitBody(requestsPerMinute: await emulator.rateLimiter.currentLimit()))
        }
        admin.put("rate-limit") { request, context in
            let body = try APIGateway.decode(RateLimitBody.self, from: try await Self.body(request, context))
            guard body.requestsPerMinute >= 0 else {
                throw EmulatorError.badRequest("requestsPerMinute must be 0 (off) or more")
            }
            await emulator.rateLimiter.setLimit(body.requestsPerMinute)
            return try APIGateway.json(body)
        }
    }

    private func registerClock(on admin: RouterGroup<EmulatorRequestContext>, emulator: Emulator) {
        let clock = emulator.clock
        admin.get("clock") { _, _ in
            try APIGateway.json(ClockBody(now: DfnsDate.format(clock.now()), manual: clock is ManualEmulatorClock))
        }
        admin.post("clock/advance") { request, context in
            guard let manual = clock as? ManualEmulatorClock else {
                throw EmulatorError(409, "the clock is the wall clock; start the emulator with --manual-clock")
            }
            let body = try APIGateway.decode(AdvanceRequest.self, from: try await Self.body(request, context))
            return try APIGateway.json(ClockBody(now: DfnsDate.format(manual.advance(by: body.seconds)), manual: true))
        }
        admin.put("clock") { request, context in
            guard let manual = clock as? ManualEmulatorClock else {
                throw EmulatorError(409, "the clock is the wall clock; start the emulator with --manual-clock")
            }
            let body = try APIGateway.decode(SetClockRequest.self, from: try await Self.body(request, context))
            guard let date = DfnsDate.parse(body.now) else {
                throw EmulatorError.badRequest("now must be an ISO-8601 date-time")
            }
            manual.set(date)
            return try APIGateway.json(ClockBody(now: DfnsDate.format(manual.now()), manual: true))
        }
    }

    private func registerFaults(on admin: RouterGroup<EmulatorRequestContext>, faults: FaultInjector) {
        admin.get("faults") { _, _ in try APIGateway.json(await faults.list()) }
        admin.post("faults") { request, context in
            let data = try await Self.body(request, context)
            let rule: FaultRule
            if let spec = try? JSONDecoder().decode(FaultSpec.self, from: data) {
                do {
                    rule = try FaultRule(spec: spec.spec)
                } catch let error as FaultRuleSyntaxError {
                    throw EmulatorError.badRequest(error.message)
                }
            } else {
                rule = try APIGateway.decode(FaultRule.self, from: data)
            }
            return try APIGateway.json(await faults.add(rule), status: .created)
        }
        admin.delete("faults") { _, _ in
            await faults.removeAll()
            return try APIGateway.json(EmptyResponse())
        }
        admin.delete("faults/:id") { _, context in
            let id = try context.parameters.require("id")
            guard await faults.remove(id: id) else { throw EmulatorError.notFound("fault", id) }
            return try APIGateway.json(EmptyResponse())
        }
    }

    private func registerApprovals(on admin: RouterGroup<EmulatorRequestContext>, approvals: ApprovalQueue) {
        admin.get("approval-rules") { _, _ in try APIGateway.json(await approvals.listRules()) }
        admin.post("approval-rules") { request, context in
            let rule = try APIGateway.decode(ApprovalRule.self, from: try await Self.body(request, context))
            return try APIGateway.json(await approvals.add(rule), status: .created)
        }
        admin.delete("approval-rules/:id") { _, context in
            let id = try context.parameters.require("id")
            guard await approvals.removeRule(id: id) else { throw EmulatorError.notFound("approval rule", id) }
            return try APIGateway.json(EmptyResponse())
        }
        admin.get("approvals") { _, _ in try APIGateway.json(await approvals.list()) }
        admin.post("approvals/:id/approve") { _, context in
            let id = try context.parameters.require("id")
            return try APIGateway.json(try await approvals.approve(id: id))
        }
        admin.post("approvals/:id/reject") { _, context in
            let id = try context.parameters.require("id")
            return try APIGateway.json(try await approvals.reject(id: id))
        }
    }
}
