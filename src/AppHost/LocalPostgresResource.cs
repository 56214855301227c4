namespace StudentBase.AppHost;

/// <summary>
/// PostgreSQL run from the locally installed binaries as an executable resource, with the connection
/// string of the platform's database, so services reference it exactly as they would a container.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, int port, string databaseName)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username=postgres;Database={DatabaseName}");
}
