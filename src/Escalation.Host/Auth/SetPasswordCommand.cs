namespace Escalation.Host.Auth;

/// <summary>
/// <c>set-password --user &lt;id&gt;</c>: gives a user of the county a temporary password, read from standard input (typed
/// unseen at a terminal, or piped), which must be changed at the first sign-in. How the first administrator of a fresh
/// installation gets a password; after that administrators set them through the API.
/// </summary>
public static class SetPasswordCommand
{
    public static bool IsRequested(string[] args) => args is ["set-password", ..];

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        var userId = TokenCommand.Option(args, "--user");
        if (userId is null)
        {
            await Console.Error.WriteLineAsync("Usage: set-password --user <id>   (the password is read from standard input)");
            return 2;
        }

        var password = ReadPassword();
        await using var scope = services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<Accounts>().SetTemporaryPasswordAsync(userId, password, CancellationToken.None);
        if (errors.Count > 0)
        {
            foreach (var (field, reasons) in errors)
                await Console.Error.WriteLineAsync($"{field} {string.Join(" ", reasons)}");
            return 2;
        }
        Console.WriteLine($"{userId} has a temporary password: it must be changed at the first sign-in.");
        return 0;
    }

    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine() ?? "";
        Console.Error.Write("Temporary password: ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                    typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
                typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
