using StudentBase.Testing;

namespace Subsidies.Tests;

public class BilingualMessages : BilingualMessagesSpecification<Program>;
