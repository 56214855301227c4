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
    [InlineData("https://user:pass@sis.example/hooks", false, false)]
    [InlineData("ftp://sis.example/hooks", true, false)]
    [InlineData("/hooks", true, false)]
    public void an_endpoint_is_an_https_url_on_the_internet_or_in_development_a_loopback_receiver(string endpoint, bool development, bool accepted) =>
        (WebhookEndpoints.Refusal(endpoint, development) is null).ShouldBe(accepted);
}
