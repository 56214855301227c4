using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace StudentBase.AppHost;

/// <summary>Healthy once the server accepts a connection to the platform's database and answers a query.</summary>
internal sealed class PostgresAcceptsConnections(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not accept connections yet.", exception);
        }
    }
}
