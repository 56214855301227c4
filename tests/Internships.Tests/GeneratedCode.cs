using StudentBase.Testing;

namespace Internships.Tests;

public class GeneratedCode(InternshipsFixture fixture) : GeneratedCodeSpecification<Program>(fixture);
