using System.Globalization;
using StudentBase.Contracts;
using StudentBase.Partners;
using StudentBase.Webhooks.Subscriptions;

namespace StudentBase.Webhooks.Tests;

public class EndpointRules
{
    [Theory]
    [InlineData("https://sis.xmu.edu.cn/hooks", false, true)]
    [InlineData("http://sis.xmu.edu.cn/hooks", false, false)]
    [InlineData("http://127.0.0.1:5000/hooks", true, true)]
    [InlineData("http://localhost:5000/hooks", true, true)]
    [InlineData("http://127.0.0.1:5000/hooks", false, false)]
    [InlineData("https://127.0.0.1/hooks", false, false)]
    [InlineData("https://10.1.2.3/hooks", false, false)]
    [InlineData("https://192.168.0.9/hooks", false, false)]
    [InlineData("https://172.20.0.1/hooks", false, false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false, false)]
    [InlineData("https://[::1]/hooks", false, false)]
    [InlineData("https://[fd00::1]/hooks", false, false)]
    [InlineData("https://[::]:8443/hooks", false, false)]
    [InlineData("https://user:pass@sis.example/hooks", false, false)]
    [InlineData("ftp://sis.example/hooks", true, false)]
    [InlineData("/hooks", true, false)]
    public void an_endpoint_is_an_https_url_on_the_internet_or_in_development_a_loopback_receiver(string endpoint, bool development, bool accepted) =>
        (WebhookEndpoints.Refusal(endpoint, development) is null).ShouldBe(accepted);

    [Theory]
    [InlineData("203.0.113.10", false, true)]
    [InlineData("2001:db8::10", false, true)]
    [InlineData("10.0.0.7", false, false)]
    [InlineData("172.31.255.1", false, false)]
    [InlineData("192.168.1.1", false, false)]
    [InlineData("169.254.169.254", false, false)]
    [InlineData("100.64.0.1", false, false)]
    [InlineData("0.0.0.0", false, false)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("::ffff:127.0.0.1", true, true)]
    [InlineData("::ffff:10.0.0.7", true, false)]
    [InlineData("fe80::1", true, false)]
    [InlineData("fd12:3456::1", false, false)]
    [InlineData("10.0.0.7", true, false)]
    [InlineData("::", false, false)]
    [InlineData("::", true, false)]
    [InlineData("::7f00:1", false, false)]
    [InlineData("ff02::1", false, false)]
    [InlineData("64:ff9b::a00:7", false, false)]
    [InlineData("64:ff9b::cb00:710a", false, true)]
    [InlineData("64:ff9b:1::cb00:710a", false, false)]
    [InlineData("2002:a00:7::1", false, false)]
    [InlineData("2002:cb00:710a::1", false, true)]
    [InlineData("224.0.0.1", false, false)]
    [InlineData("255.255.255.255", false, false)]
    [InlineData("198.18.0.1", false, false)]
    [InlineData("192.0.0.8", false, false)]
    public void a_delivery_connects_only_to_an_address_on_the_internet_or_in_development_a_loopback_one(string address, bool development, bool reachable) =>
        WebhookEndpoints.MayReceive(System.Net.IPAddress.Parse(address), development).ShouldBe(reachable);

    [Theory]
    [InlineData("en", "The URL must be reachable from the internet, not a loopback or private address.", "A Company key never receives 'student.registered'.")]
    [InlineData("zh-CN", "该 URL 必须可从互联网访问，不得为本机回环地址或私有地址。", "Company 密钥永远不会收到 'student.registered'。")]
    public void a_refused_subscription_is_told_why_in_the_partner_s_language(string language, string endpointMessage, string typeMessage)
    {
        var company = new Partner("paoyou", PartnerRole.Company, Guid.CreateVersion7());
        var catalogue = new[] { new NotificationType("student.registered", "A student was registered.", [PartnerRole.University]) };
        var current = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var result = new Subscribe.Validator(development: false, company, catalogue)
                .Validate(new Subscribe("https://10.1.2.3/hooks", ["student.registered"]));

            result.Errors.Select(error => error.ErrorMessage).ShouldBe([endpointMessage, typeMessage]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = current;
        }
    }
}
