using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace StudentBase.Webhooks.Subscriptions;

/// <param name="Endpoint">Your receiver: an https URL reachable from the internet (plain http to a loopback address only in Development).</param>
/// <param name="Types">The notification types to receive (see <c>GET /api/webhook-notification-types</c>).</param>
public sealed record Subscribe(string Endpoint, IReadOnlyList<string> Types)
{
    public static Subscribe Example { get; } = new("https://sis.xmu.edu.cn/hooks/student-base", ["internship.consent_given", "internship.started"]);

    internal sealed class Validator : AbstractValidator<Subscribe>
    {
        public Validator(bool development, Partner partner, IReadOnlyList<NotificationType> catalogue)
        {
            RuleFor(x => x.Endpoint).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(2000).Must(endpoint => WebhookEndpoints.Refusal(endpoint, development) is null)
                .WithMessage(x => WebhookEndpoints.Refusal(x.Endpoint, development) ?? "");
            RuleFor(x => x.Types).Cascade(CascadeMode.Stop).NotEmpty().Must(types => types.Count <= 100).WithMessage("Name at most 100 types.", "最多列出 100 种类型。");
            RuleForEach(x => x.Types).Cascade(CascadeMode.Stop)
                .NotEmpty()
                .Must(type => catalogue.Any(known => known.Type == type))
                .WithMessage((_, type) => PartnerLanguages.Text($"'{type}' is not a notification type of this service.", $"'{type}' 不是本服务的通知类型。"))
                .Must(type => catalogue.FirstOrDefault(known => known.Type == type) is not { } known
                              || partner.Role == PartnerRole.BaseAdministrator || known.Roles.Contains(partner.Role))
                .WithMessage((_, type) => PartnerLanguages.Text($"A {partner.Role} key never receives '{type}'.", $"{partner.Role} 密钥永远不会收到 '{type}'。"));
        }
    }
}

/// <summary>The new subscription, and its signing secret: shown here and on rotation only.</summary>
public sealed record NewWebhookSubscription(Guid Id, string Url, string Endpoint, IReadOnlyList<string> Types, [Secret] string Secret)
    : NewResource<Guid>(Id, Url);

public static class SubscribeEndpoint
{
    public const string Prefix = "/api/webhook-subscriptions";

    public static ProblemDetails Validate(Subscribe command, ClaimsPrincipal user, IHostEnvironment environment, NotificationCatalogue catalogue) =>
        new Subscribe.Validator(environment.IsDevelopment(), user.Partner(), catalogue.Items).Check(command);

    [WolverinePost(Prefix, Name = "SubscribeToNotifications")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("Subscribe an endpoint of yours to notifications; the answer carries the signing secret, once")]
    public static (NewWebhookSubscription, IStartStream) Post(Subscribe command, ClaimsPrincipal user, TimeProvider clock)
    {
        var partner = user.Partner();
        var id = Guid.CreateVersion7();
        var secret = WebhookSignature.NewSecret();
        var types = command.Types.Distinct().ToList();
        var subscribed = new WebhookSubscribed(id, partner.PartnerId, partner.Role, partner.ScopeId, command.Endpoint, types, secret, clock.GetUtcNow());
        return (new NewWebhookSubscription(id, $"{Prefix}/{id}", command.Endpoint, types, secret), MartenOps.StartStream<WebhookSubscription>(id, subscribed));
    }
}

/// <summary>Where a subscription may send: never to a private network in production, so a partner cannot aim the platform at its own insides.</summary>
internal static class WebhookEndpoints
{
    public static string? Refusal(string endpoint, bool development)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return PartnerLanguages.Text("Give an absolute https URL.", "请给出完整的 https URL。");
        }

        if (uri.UserInfo.Length > 0)
        {
            return PartnerLanguages.Text("The URL may not carry credentials.", "URL 中不得包含凭据。");
        }

        var local = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IsPrivate(address));
        if (development && uri.IsLoopback)
        {
            return null;
        }

        if (uri.Scheme != "https")
        {
            return PartnerLanguages.Text("Use https (plain http is accepted only for a loopback receiver in Development).",
                "请使用 https（仅在开发环境中、接收端为本机回环地址时接受 http）。");
        }

        return local
            ? PartnerLanguages.Text("The URL must be reachable from the internet, not a loopback or private address.",
                "该 URL 必须可从互联网访问，不得为本机回环地址或私有地址。")
            : null;
    }

    /// <summary>
    /// Whether a delivery may connect to this address, the one the endpoint's host resolves to at that moment: a name that
    /// was public when subscribed may resolve to an inside address later (DNS rebinding), so the address is checked as well
    /// as the URL. Loopback only in Development, as for the URL.
    /// </summary>
    public static bool MayReceive(IPAddress address, bool development) =>
        !IsPrivate(address) || (development && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    /// <summary>
    /// Private, loopback, link-local, shared (CGNAT), unspecified, multicast or reserved, in IPv4 or IPv6, including an IPv6
    /// address that carries an IPv4 one (mapped, compatible, NAT64, 6to4): judged by the IPv4 address it reaches.
    /// </summary>
    private static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            if (IsLocalUseNat64(v6))
            {
                return true;
            }

            return EmbeddedIPv4(v6) is { } embedded
                ? IsPrivate(embedded)
                : address.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                  || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var bytes = address.GetAddressBytes();
        return bytes[0] is 0 or 10 or 127 or >= 224
               || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31)
               || (bytes[0] == 192 && bytes[1] == 168)
               || (bytes[0] == 192 && bytes[1] == 0 && bytes[2] == 0)
               || (bytes[0] == 198 && bytes[1] is 18 or 19)
               || (bytes[0] == 169 && bytes[1] == 254)
               || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127);
    }

    /// <summary>The IPv4 address an IPv6 one carries: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16).</summary>
    private static IPAddress? EmbeddedIPv4(byte[] v6)
    {
        var compatible = v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && v6.AsSpan(12, 4).IndexOfAnyExcept((byte)0) >= 0
                         && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0 && v6[15] == 1);
        var nat64 = v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
        if (compatible || nat64)
        {
            return new IPAddress(v6.AsSpan(12, 4));
        }

        return v6[0] == 0x20 && v6[1] == 0x02 ? new IPAddress(v6.AsSpan(2, 4)) : null;
    }

    /// <summary>64:ff9b:1::/48, NAT64 for a network's own use: whatever it carries is inside.</summary>
    private static bool IsLocalUseNat64(byte[] v6) =>
        v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6[4] == 0x00 && v6[5] == 0x01;
}
