import Testing

@testable import DfnsEmulator

@Suite("Request ledger")
struct RequestLedgerTests {
    @Test("lists every mutating request since the last reset, beyond the 200 recent ones")
    func everyMutation() async {
        let ledger = RequestLedger()
        for index in 0..<250 {
            await ledger.record(method: "POST", path: "/webhooks", status: 200)
            await ledger.record(method: "GET", path: "/webhooks/wh-\(index)", status: 200)
            await ledger.record(method: "POST", path: "/auth/action/init", status: 200)
        }
        let mutations = await ledger.mutatingRequests()
        #expect(mutations.count == 250)
        #expect(mutations.allSatisfy { $0.method == "POST" && $0.path == "/webhooks" && $0.mutating })
        let summary = await ledger.summary(mutationsApplied: 0)
        #expect(summary.recent.count == 200 && summary.mutating == 250 && summary.total == 750)

        await ledger.reset(mutationsApplied: 0)
        #expect(await ledger.mutatingRequests().isEmpty)
    }
}
