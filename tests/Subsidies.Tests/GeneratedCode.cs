using StudentBase.Testing;

namespace Subsidies.Tests;

public class GeneratedCode(SubsidiesFixture fixture) : GeneratedCodeSpecification<Program>(fixture);
