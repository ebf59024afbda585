import AsyncHTTPClient
import FerryCore
import Logging

/// Chooses a ``BlobStore`` driver by the destination's URI scheme.
public enum BlobStoreFactory {
    /// A store for `destination`: `s3://bucket/prefix` for S3-compatible storage (configured by the
    /// standard `AWS_*` variables in `environment`), `file:///path` or a plain path for a local folder.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE for a scheme Ferry has no driver for.
    public static func make(
        destination: String, environment: [String: String], httpClient: HTTPClient, logger: Logger
    ) throws -> any BlobStore {
        if destination.hasPrefix("s3://") {
            let configuration = try S3Configuration.fromEnvironment(environment, uri: destination)
            return S3BlobStore(configuration: configuration, httpClient: httpClient, logger: logger)
        }
        if destination.hasPrefix("file://") {
            return LocalBlobStore(root: String(destination.dropFirst("file://".count)))
        }
        if let colon = destination.firstIndex(of: ":"), destination[colon...].hasPrefix("://") {
            throw FerryError.invalidParameter(
                "Unsupported artifacts destination '\(destination)': use a folder, file:///path or s3://bucket/prefix")
        }
        return LocalBlobStore(root: destination)
    }
}
