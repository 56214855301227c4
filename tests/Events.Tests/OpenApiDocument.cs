using StudentBase.Testing;

namespace Events.Tests;

public class OpenApiDocument(EventsFixture fixture) : OpenApiDocumentSpecification<Program>(fixture, "events");
