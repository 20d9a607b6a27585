// swift-tools-version:6.2
import PackageDescription

// Upcoming language features: `any` spelled out for existentials, and members visible only from modules a file
// imports itself (so every target's imports, and the declarations below, are complete).
let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Dependencies point one way: executables → adapters → core → models (docs/architecture.md).
// Every module a target imports is declared here.
let package = Package(
    name: "dfnsops",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dfnsops", targets: ["dfnsops"]),
        .executable(name: "dfns-emulator", targets: ["dfns-emulator"]),
        .library(name: "DfnsWire", targets: ["DfnsWire"]),
        .library(name: "DfnsAPI", targets: ["DfnsAPI"]),
        .library(name: "SecretStores", targets: ["SecretStores"]),
        .library(name: "DfnsOpsCore", targets: ["DfnsOpsCore"]),
        .library(name: "DfnsEmulator", targets: ["DfnsEmulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "DfnsWire",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "DfnsAPI",
            dependencies: [
                "DfnsWire",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "SecretStores",
            dependencies: ["DfnsWire"],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "DfnsOpsCore",
            dependencies: [
                "DfnsAPI",
                "SecretStores",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "DfnsEmulator",
            dependencies: [
                "DfnsAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "dfnsops",
            dependencies: [
                "DfnsAPI",
                "SecretStores",
                "DfnsOpsCore",
                "DfnsEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "dfns-emulator",
            dependencies: [
                "DfnsAPI",
                "DfnsEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "SecretStores",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: upcomingFeatures
        ),
        .testTarget(name: "DfnsWireTests", dependencies: ["DfnsWire"], swiftSettings: upcomingFeatures),
        .testTarget(
            name: "DfnsAPITests",
            dependencies: [
                "DfnsAPI", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "SecretStoresTests",
            dependencies: ["SecretStores", "TestSupport"],
            swiftSettings: upcomingFeatures
        ),
        // A child process for SecretStoresTests' crash test: it writes to a FileSecretStore until SIGKILLed.
        .executableTarget(
            name: "secret-store-crash-child",
            dependencies: ["SecretStores"],
            path: "Tests/SecretStoreCrashChild",
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "DfnsOpsCoreTests",
            dependencies: [
                "DfnsOpsCore", "DfnsAPI", "SecretStores", "DfnsEmulator", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "DfnsEmulatorTests",
            dependencies: [
                "DfnsAPI", "DfnsEmulator", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: upcomingFeatures
        ),
        // Drives the built dfnsops against a real dfns-emulator process; fixtures are read via #filePath.
        .testTarget(
            name: "DfnsOpsEndToEndTests",
            dependencies: ["TestSupport", "DfnsAPI", "SecretStores", "DfnsOpsCore"],
            exclude: ["Fixtures"],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
