import Foundation
import SecretStores

/// The plan's notes for rotations a rollback holds: the store's current version carries a `RotationHold` whose
/// trigger is still the declared one, so no rotation starts (`RotationPhaseResolver` treats it as steady) until
/// `rotation.trigger` changes or `dfnsops rotate` is run. The plan says so, so the reader knows why an old key
/// is not rotated.
enum RotationHoldNotes {
    static func notes(desired: DesiredState, store: StoreState, options: PlanOptions) -> [PlanNote] {
        let rotating: [(ObjectAddress, RotationPolicy, StoreLocation?)] =
            desired.keyedPrincipals.map { ($0.address, $0.key.rotation, $0.storeLocation) }
            + desired.webhooks.map { ($0.address, $0.spec.secret.rotation, $0.storeLocation) }
        return rotating.compactMap { address, policy, location in
            guard !options.manualRotations.contains(address), let location,
                let current = store[location]?.current, let hold = current.metadata.hold, hold.trigger == policy.trigger
            else { return nil }
            let generation = current.metadata.generation.map { "generation \($0)" } ?? "the current generation"
            return PlanNote(
                finding: .rotationHeld, kind: address.kind, name: address.name,
                message: "rotation held after rollback (\(PlanTime.format(hold.since))): \(generation) stays current "
                    + "until rotation.trigger changes or 'dfnsops rotate \(address)' is run")
        }
    }
}
