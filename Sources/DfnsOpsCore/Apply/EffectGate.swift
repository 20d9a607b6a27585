import DfnsAPI
import Foundation
import Synchronization

/// The one check every mutating request of an apply passes: a request that no effect of the running action covers
/// is not sent. The client asks the gate before it even requests the user action, so a refused request leaves no
/// trace in Dfns.
///
/// An effect on "the new" object (id nil) binds to the first id a request names for that kind, so an action that
/// creates one service account may then assign permissions to it or delete it, and touch no other.
final class EffectGate: MutationGate {
    let action: String
    let effects: [Effect]
    private let bound = Mutex<[Effect.Target: String]>([:])
    /// Credential ids by credential uuid, from the lists Dfns returned during the action.
    private let credentialIds = Mutex<[String: String]>([:])
    private let refused = Mutex<OutsidePlan?>(nil)

    /// The first request the gate refused, whatever a step made of the error afterwards.
    var refusal: OutsidePlan? { refused.withLock { $0 } }

    init(action: PlannedAction) {
        self.action = action.id
        self.effects = action.effects
    }

    /// A plan names a rotation's credentials by credential id (what the store records); requests name them by uuid.
    /// The pairs come from Dfns's own list, so an effect on credential id X admits exactly the uuid Dfns gives X.
    func learn(_ credentials: [Credential]) {
        credentialIds.withLock { known in
            for credential in credentials { known[credential.credentialUuid] = credential.credentialId }
        }
    }

    func admit(_ request: MutationRequest) throws {
        let requested = RequestedEffect(request)
        let alias = requested.flatMap { requested in
            requested.target == .credential ? requested.id.flatMap { id in credentialIds.withLock { $0[id] } } : nil
        }
        let admitted = bound.withLock { bound in
            guard let requested else { return false }
            for effect in effects where requested.matches(effect, bound: bound[effect.target], alias: alias) {
                if effect.id == nil, let id = requested.id { bound[effect.target] = id }
                return true
            }
            return false
        }
        guard !admitted else { return }
        let refusal = OutsidePlan(
            action: action, request: "\(request.method) \(request.path)", effect: requested?.effect)
        refused.withLock { $0 = $0 ?? refusal }
        throw refusal
    }
}

/// A mutating request no effect of its action covers; the action ends `blocked` with reason `outside_plan`.
struct OutsidePlan: Error, CustomStringConvertible {
    var action: String
    var request: String
    /// The request as an effect, when it is one dfnsops knows.
    var effect: Effect?

    var description: String {
        "\(request) (\(effect?.description ?? "an unknown change")) is not among the effects the plan shows for "
            + "\(action); it was not sent. Run plan again and review what it shows"
    }
}

/// What a mutating request would do, read from its method, path and body.
struct RequestedEffect: Equatable {
    var verb: Effect.Verb
    var target: Effect.Target
    var id: String?
    var name: String?
    var subject: String?

    var effect: Effect { Effect(verb, target, id: id, name: name, subject: subject) }

    /// Whether `effect` covers this request; `bound` is the id "new" already stands for in this action, `alias`
    /// another id Dfns gives the requested object (a credential's id beside its uuid).
    func matches(_ effect: Effect, bound: String?, alias: String? = nil) -> Bool {
        guard effect.target == target, effect.verb == verb || effect.orElse == verb else { return false }
        switch (effect.id, id) {
        case (let planned?, let requested?): guard planned == requested || planned == alias else { return false }
        case (_?, nil): return false
        case (nil, let requested?): if let bound, bound != requested { return false }
        case (nil, nil): break
        }
        if let planned = effect.name, let requested = name, planned != requested { return false }
        if let planned = effect.subject, let requested = subject, planned != requested { return false }
        return true
    }

    init(verb: Effect.Verb, target: Effect.Target, id: String? = nil, name: String? = nil, subject: String? = nil) {
        self.verb = verb
        self.target = target
        self.id = id
        self.name = name
        self.subject = subject
    }

    /// The requests dfnsops knows, as `METHOD path` templates: `{id}` is the object's id, `*` any segment.
    private static let routes: [(template: String, verb: Effect.Verb, target: Effect.Target)] = [
        ("POST auth/credentials", .create, .credential),
        ("PUT auth/credentials/activate", .activate, .credential),
        ("PUT auth/credentials/deactivate", .deactivate, .credential),
        ("DELETE auth/credentials/{id}", .delete, .credential),
        ("POST auth/service-accounts/credentials", .create, .credential),
        ("DELETE auth/service-accounts/credentials/{id}", .delete, .credential),
        ("POST auth/service-accounts", .create, .serviceAccount),
        ("PUT auth/service-accounts/{id}", .update, .serviceAccount),
        ("PUT auth/service-accounts/{id}/activate", .activate, .serviceAccount),
        ("PUT auth/service-accounts/{id}/deactivate", .deactivate, .serviceAccount),
        ("DELETE auth/service-accounts/{id}", .delete, .serviceAccount),
        ("POST auth/pats", .create, .personalAccessToken),
        ("PUT auth/pats/{id}", .update, .personalAccessToken),
        ("PUT auth/pats/{id}/activate", .activate, .personalAccessToken),
        ("PUT auth/pats/{id}/deactivate", .deactivate, .personalAccessToken),
        ("DELETE auth/pats/{id}", .delete, .personalAccessToken),
        ("POST webhooks", .create, .webhook),
        ("PUT webhooks/{id}", .update, .webhook),
        ("DELETE webhooks/{id}", .delete, .webhook),
        ("POST webhooks/{id}/ping", .ping, .webhook),
        ("POST permissions/{id}/assignments", .assign, .permission),
        ("DELETE permissions/{id}/assignments/*", .revoke, .permission),
    ]

    /// Nil for a request dfnsops does not know as any effect.
    init?(_ request: MutationRequest) {
        let path = request.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let body = request.body.flatMap { try? JSONDecoder().decode([String: JSONValue].self, from: $0) } ?? [:]
        func text(_ key: String) -> String? {
            if case .string(let value)? = body[key] { return value }
            return nil
        }
        for route in Self.routes {
            let parts = route.template.split(separator: " ")
            let template = parts[1].split(separator: "/")
            guard parts[0] == request.method, template.count == segments.count else { continue }
            var id: String?
            let fits = zip(template, segments).allSatisfy { pattern, segment in
                switch pattern {
                case "{id}":
                    id = segment
                    return true
                case "*": return true
                default: return pattern == segment
                }
            }
            guard fits else { continue }
            switch route.target {
            case .credential where route.verb == .create:
                self.init(verb: .create, target: .credential, name: text("name") ?? text("credentialName"))
            case .credential where route.verb == .activate || route.verb == .deactivate:
                self.init(verb: route.verb, target: .credential, id: text("credentialUuid"))
            case .permission:
                self.init(verb: route.verb, target: .permission, id: id, subject: text("identityId"))
            case .webhook where route.verb == .update && body == ["status": .string("Disabled")]:
                // Disabling, and nothing else, is how a webhook is deactivated.
                self.init(verb: .deactivate, target: .webhook, id: id)
            default:
                self.init(verb: route.verb, target: route.target, id: id)
            }
            return
        }
        return nil
    }
}
