using StudentBase.Testing;

namespace Internships.Tests;

public class MalformedRequests(InternshipsFixture fixture) : MalformedRequestSpecification<Program>(fixture);
