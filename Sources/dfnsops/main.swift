print("dfnsops")
