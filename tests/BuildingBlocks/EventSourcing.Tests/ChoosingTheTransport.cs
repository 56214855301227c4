using Microsoft.Extensions.Configuration;
using Wolverine;

namespace StudentBase.EventSourcing.Tests;

public class ChoosingTheTransport
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build();

    [Theory]
    [InlineData(null)]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    public void postgresql_queues_are_the_default_and_need_nothing_but_the_database(string? transport)
    {
        var messaging = new WolverineOptions();

        messaging.UseConfiguredTransport(transport is null ? Settings() : Settings((Messaging.TransportSetting, transport)));

        messaging.UsesRabbitMq().ShouldBeFalse();
    }

    [Fact]
    public void rabbitmq_is_chosen_by_name_with_its_connection_string()
    {
        var messaging = new WolverineOptions();

        messaging.UseConfiguredTransport(Settings(
            (Messaging.TransportSetting, "RabbitMQ"), ($"ConnectionStrings:{Messaging.BrokerConnectionName}", "amqp://localhost:5672")));

        messaging.UsesRabbitMq().ShouldBeTrue();
    }

    [Fact]
    public void rabbitmq_without_its_connection_string_says_what_is_missing() =>
        Should.Throw<InvalidOperationException>(() => new WolverineOptions().UseConfiguredTransport(Settings((Messaging.TransportSetting, "RabbitMQ"))))
            .Message.ShouldContain("ConnectionStrings__rabbitmq");

    [Fact]
    public void an_unknown_transport_names_the_ones_there_are() =>
        Should.Throw<InvalidOperationException>(() => new WolverineOptions().UseConfiguredTransport(Settings((Messaging.TransportSetting, "Kafka"))))
            .Message.ShouldBe("Messaging:Transport is 'Kafka'; it is PostgreSQL (the default) or RabbitMQ.");
}
