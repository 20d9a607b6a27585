print("dfns-emulator")
