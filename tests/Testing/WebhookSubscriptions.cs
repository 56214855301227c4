using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace StudentBase.Testing;

public static class WebhookSubscriptions
{
    /// <summary>Subscribes the receiver's hook as the key's partner; the subscription's id and signing secret.</summary>
    public static async Task<(Guid Id, string Secret)> SubscribeAsync(this IAlbaHost host, string key, string endpoint, params string[] types)
    {
        var result = await host.Scenario(x =>
        {
            x.As(key).Post.Json(new { endpoint, types }).ToUrl("/api/webhook-subscriptions");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        var created = (await result.ReadAsJsonAsync<JsonObject>())!;
        result.Context.Response.Headers.Location.ToString().ShouldBe($"/api/webhook-subscriptions/{created["id"]}");
        return (created["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());
    }
}
