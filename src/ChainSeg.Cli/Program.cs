return ChainSeg.Cli.ChainSegApp.Run(args);
