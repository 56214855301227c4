using StudentBase.Testing;

namespace Subsidies.Tests;

public class MalformedRequests(SubsidiesFixture fixture) : MalformedRequestSpecification<Program>(fixture);
