using StudentBase.Testing;

namespace Subsidies.Tests;

public class OpenApiDocument(SubsidiesFixture fixture) : OpenApiDocumentSpecification<Program>(fixture, "subsidies");
