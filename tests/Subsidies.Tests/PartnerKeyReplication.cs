using StudentBase.Testing;

namespace Subsidies.Tests;

public class PartnerKeyReplication(SubsidiesFixture fixture) : PartnerKeyReplicationSpecification<Program>(fixture);
