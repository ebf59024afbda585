import FerryBlobs
import FerryCore
import FerryStore
import Hummingbird

/// `GET /model-versions/get-artifact?name=&version=&path=`: a file of a model version, read from the
/// version's storage location in this server's store. The path is checked like every proxy path, so a
/// request cannot leave the version's files.
struct ModelVersionArtifacts: Sendable {
    let proxy: ArtifactProxy
    let registry: any RegistryStore
    let sources: ModelVersionSourceResolver

    static let paths: Set<String> = ["/model-versions/get-artifact", "/ajax-api/2.0/mlflow/model-versions/get-artifact"]

    func download(_ request: Request) async throws -> Response {
        let fields = RequestFields(query: QueryString.pairs(request.uri.query))
        let name = try fields.requiredString("name")
        let number = try RegistryValidation.version(try fields.requiredString("version"))
        let relative = try ArtifactProxy.blobPath(try fields.requiredString("path"))
        let version = try await registry.modelVersion(name: name, version: number)
        let location = try await sources.storageLocation(of: version)
        guard let root = ArtifactProxy.storePath(of: location) else {
            throw FerryError.notFound("The files of \(name) version \(number) live at \(location), outside this server's store")
        }
        return try await proxy.download(root.appending(relative))
    }
}
