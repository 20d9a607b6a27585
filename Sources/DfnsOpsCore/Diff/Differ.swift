/// The diff stage: compares the desired state with the live organisation and the store, and returns the
/// changes, in manifest order followed by unmanaged objects.
///
/// Pure: it reads values observed by the caller.
public struct Differ: Sendable {
    public var desired: DesiredState
    public var live: LiveState
    public var store: StoreState
    public var options: PlanOptions

    public init(desired: DesiredState, live: LiveState, store: StoreState, options: PlanOptions) {
        self.desired = desired
        self.live = live
        self.store = store
        self.options = options
    }

    /// Every change between the manifests and what was observed.
    public func changes() -> [Change] {
        let context = DiffContext(desired: desired, live: live, store: store, options: options)
        let principals = PrincipalDiff(context: context)
        let webhooks = WebhookDiff(context: context)
        return desired.keyedPrincipals.flatMap(principals.diff) + desired.webhooks.flatMap(webhooks.diff)
            + UnmanagedScan(context: context).scan()
    }
}
