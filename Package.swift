// swift-tools-version:6.2
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ferry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ferry", targets: ["ferry"]),
        .library(name: "FerryCore", targets: ["FerryCore"]),
        .library(name: "FerryStore", targets: ["FerryStore"]),
        .library(name: "FerryBlobs", targets: ["FerryBlobs"]),
        .library(name: "FerryServer", targets: ["FerryServer"]),
        .library(name: "FerryClient", targets: ["FerryClient"]),
        .library(name: "FerryServing", targets: ["FerryServing"]),
        .library(name: "FerryInferenceServer", targets: ["FerryInferenceServer"]),
        .library(name: "FerryTables", targets: ["FerryTables"]),
        .library(name: "FerryMonitor", targets: ["FerryMonitor"]),
        .library(name: "FerryMonitorService", targets: ["FerryMonitorService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "FerryCore",
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryStore",
            dependencies: [
                "FerryCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryBlobs",
            dependencies: [
                "FerryCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryServer",
            dependencies: [
                "FerryCore",
                "FerryStore",
                "FerryBlobs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryClient",
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryServing",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["ONNX/Proto/onnx-trimmed.proto"],
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryTables",
            dependencies: ["FerryCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryMonitor",
            dependencies: ["FerryTables", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryInferenceServer",
            dependencies: [
                "FerryCore",
                "FerryServing",
                "FerryBlobs",
                "FerryClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "FerryMonitorService",
            dependencies: [
                "FerryMonitor", "FerryTables", "FerryBlobs", "FerryCore", "FerryClient", "FerryInferenceServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "ferry",
            dependencies: [
                "FerryTables",
                "FerryMonitor",
                "FerryMonitorService",
                "FerryClient",
                "FerryCore",
                "FerryStore",
                "FerryBlobs",
                "FerryServer",
                "FerryServing",
                "FerryInferenceServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(name: "ferry-serving-bench", dependencies: ["FerryServing"], path: "Benchmarks/serving/RuntimeBench", swiftSettings: upcoming),
        .testTarget(name: "FerryClientTests", dependencies: ["FerryClient"], swiftSettings: upcoming),
        .testTarget(
            name: "FerryServingTests",
            dependencies: ["FerryServing", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "FerryInferenceServerTests",
            dependencies: [
                "FerryInferenceServer", "FerryServing",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(name: "FerryTablesTests", dependencies: ["FerryTables"], swiftSettings: upcoming),
        .testTarget(
            name: "FerryMonitorTests", dependencies: ["FerryMonitor", "FerryTables"],
            exclude: ["Distribution/make_golden.py", "Rank/make_golden.py"], swiftSettings: upcoming),
        .testTarget(
            name: "FerryMonitorServiceTests",
            dependencies: ["FerryMonitorService", "FerryMonitor", "FerryTables", "FerryBlobs", "FerryClient"],
            swiftSettings: upcoming
        ),
        .testTarget(name: "FerryCoreTests", dependencies: ["FerryCore"], swiftSettings: upcoming),
        .testTarget(
            name: "FerryStoreTests",
            dependencies: ["FerryStore", "FerryCore", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "FerryBlobsTests",
            dependencies: [
                "FerryBlobs", "FerryCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "FerryServerTests",
            dependencies: [
                "FerryServer", "FerryStore", "FerryBlobs", "FerryCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
    ]
)
