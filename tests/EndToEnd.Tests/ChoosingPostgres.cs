using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace EndToEnd.Tests;

/// <summary>Where no PostgreSQL can be had, the app host stops at once with one message saying what to install.</summary>
public class ChoosingPostgres
{
    [Fact]
    public async Task with_neither_a_container_runtime_nor_postgresql_binaries_the_app_host_says_what_to_install()
    {
        var failure = await Should.ThrowAsync<DistributedApplicationException>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                [
                    "Postgres:Mode=Auto",
                    "Postgres:BinDirectory=/nonexistent/postgresql/bin",
                    "ASPIRE_CONTAINER_RUNTIME=no-such-container-runtime",
                ],
                TestContext.Current.CancellationToken));

        failure.Message.ShouldContain("apt-get install -y postgresql");
        failure.Message.ShouldContain("container runtime");
    }

    [Fact]
    public async Task forcing_local_mode_without_binaries_names_the_setting_to_fix()
    {
        var failure = await Should.ThrowAsync<DistributedApplicationException>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                ["Postgres:Mode=Local", "Postgres:BinDirectory=/nonexistent/postgresql/bin"],
                TestContext.Current.CancellationToken));

        failure.Message.ShouldContain("Postgres:BinDirectory");
    }
}
